import { NoSettings, type NodeForm } from "./fields";

export const CreateLeadForm: NodeForm<"action.createLead"> = () => (
  <NoSettings>Saves the caller as a contact and opens a lead for them: nothing to set here.</NoSettings>
);
