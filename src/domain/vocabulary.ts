export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;

export type Priority = (typeof PRIORITIES)[number];

export const EVENT_STATUSES = ['OPEN', 'CLOSED'] as const;

export type EventStatus = (typeof EVENT_STATUSES)[number];

export const TEAM_STATUSES = ['AVAILABLE', 'BUSY', 'OFF_DUTY'] as const;

export type TeamStatus = (typeof TEAM_STATUSES)[number];
