import { StaffChannels } from "@/server/flows/model";
import { ChecksField, MessageField, type NodeForm } from "./fields";

export const NotifyStaffForm: NodeForm<"action.notifyStaff"> = ({ config, set, errorsFor, readOnly }) => (
  <>
    <MessageField label="Message to staff" errors={errorsFor("template")} value={config.template} readOnly={readOnly} customerFacing={false} onChange={(v) => set("template", v)} />
    <ChecksField label="Reach staff by" errors={errorsFor("channels")} value={config.channels} options={StaffChannels} onChange={(v) => set("channels", v)} />
  </>
);
