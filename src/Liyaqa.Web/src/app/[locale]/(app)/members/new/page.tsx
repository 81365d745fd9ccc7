import { clientPage } from "@/components/clientPage";
import { MemberFormScreen } from "@/features/MemberForm";

export default clientPage(MemberFormScreen);
