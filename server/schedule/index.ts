/** Business hours, quiet hours and booking slots in the client's timezone. Pure: no clock reads. */
export { isOpen, nextOpening, openIntervals, type OpenInterval } from "./business-hours";
export { isQuietHours, endOfQuietHours } from "./quiet-hours";
export { freeSlots, type Slot, type BusyTime, type FreeSlotsOptions } from "./free-slots";
export { formatClock, formatTime, formatDayTime } from "./format";
export { wallTime, instantAt, addDays, toMs, toIso, type Instant, type WallTime } from "./wall-clock";
