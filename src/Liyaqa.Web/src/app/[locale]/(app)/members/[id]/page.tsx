import { clientPage } from "@/components/clientPage";
import { MemberProfile } from "@/features/MemberProfile";

export default clientPage(MemberProfile);
