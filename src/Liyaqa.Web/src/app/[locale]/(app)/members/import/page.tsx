import { clientPage } from "@/components/clientPage";
import { MemberImport } from "@/features/MemberImport";

export default clientPage(MemberImport);
