import { NumberField, type NodeForm } from "./fields";

export const WaitReplyForm: NodeForm<"wait.reply"> = ({ config, set, errorsFor }) => (
  <NumberField label="Wait up to (minutes)" errors={errorsFor("timeoutMinutes")} value={config.timeoutMinutes} onChange={(v) => set("timeoutMinutes", v)} />
);
