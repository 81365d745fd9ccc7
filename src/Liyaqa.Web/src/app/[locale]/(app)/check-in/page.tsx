import { clientPage } from "@/components/clientPage";
import { CheckInDesk } from "@/features/CheckInDesk";

export default clientPage(CheckInDesk);
