import { clientPage } from "@/components/clientPage";
import { Schedule } from "@/features/Schedule";

export default clientPage(Schedule);
