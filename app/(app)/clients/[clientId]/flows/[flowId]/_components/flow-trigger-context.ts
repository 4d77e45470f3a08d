"use client";

import { createContext, useContext } from "react";
import type { TriggerEvent } from "@/server/flows/model";

/** What starts the flow being edited (null: no trigger yet): the message editor offers only the variables it has. */
export const FlowTriggerContext = createContext<TriggerEvent | null>(null);
export const useFlowTrigger = () => useContext(FlowTriggerContext);
