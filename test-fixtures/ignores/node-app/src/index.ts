import { summarize } from "./coverage/summary";
export const main = () => summarize([]);
