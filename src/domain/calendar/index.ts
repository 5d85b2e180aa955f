// Public surface of the calendar domain (pure; shared by server and web).
export * from './calendar';
export * from './calendar.schemas';
export { formatIsoDate, parseIsoDate } from './civil-day';
export { parseIcsHolidays, type IcsImport, type IcsIssue } from './ics';
export { formatInZone, isValidTimeZone } from './time-zone';
export * from './working-time';
export { moveOffRestDays, type IsRestDay, type RestDayShift } from './rest-day-shift';
