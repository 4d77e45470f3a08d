import { NoSettings, type NodeForm } from "./fields";

export const BusinessHoursForm: NodeForm<"condition.businessHours"> = () => (
  <NoSettings>Uses the business hours, closures and timezone in Settings: nothing to set here.</NoSettings>
);
