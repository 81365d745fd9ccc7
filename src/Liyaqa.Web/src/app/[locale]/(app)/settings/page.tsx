import { clientPage } from "@/components/clientPage";
import { Settings } from "@/features/Settings";

export default clientPage(Settings);
