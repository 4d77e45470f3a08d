// The badge moved to app/_components (the agency runs page shows it too); the run detail imports it from here.
export { StatusBadge } from "@/app/_components/status-badge";
