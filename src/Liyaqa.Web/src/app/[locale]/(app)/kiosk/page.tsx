import { clientPage } from "@/components/clientPage";
import { Kiosk } from "@/features/Kiosk";

export default clientPage(Kiosk);
