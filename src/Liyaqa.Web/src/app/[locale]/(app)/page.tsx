import { clientPage } from "@/components/clientPage";
import { Dashboard } from "@/features/Dashboard";

export default clientPage(Dashboard);
