import { clientPage } from "@/components/clientPage";
import { Staff } from "@/features/Staff";

export default clientPage(Staff);
