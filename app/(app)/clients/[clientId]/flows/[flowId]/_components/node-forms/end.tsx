import { NoSettings, type NodeForm } from "./fields";

export const EndForm: NodeForm<"end"> = () => <NoSettings>The run ends here: nothing to set.</NoSettings>;
