import { clientPage } from "@/components/clientPage";
import { MembersScreen } from "@/features/MembersScreen";

export default clientPage(MembersScreen);
