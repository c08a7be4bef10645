import { describe, expect, it } from 'vitest';
import { LIMITS } from '@balcony/shared';
import { COUNTER_FROM, cutMessage, noteFull, roomLeft, roomLeftAnnouncement } from './noteLimits';

const MAX = LIMITS.noteTextMax;

describe('note length limit', () => {
  it('shows no counter while there is plenty of room', () => {
    expect(roomLeft(0)).toBeNull();
    expect(roomLeft(MAX - COUNTER_FROM - 1)).toBeNull();
  });

  it('counts down near the limit and says when the note is full', () => {
    expect(roomLeft(MAX - COUNTER_FROM)).toBe('200 characters left');
    expect(roomLeft(MAX - 1)).toBe('1 character left');
    expect(roomLeft(MAX)).toBe('Full: 2,000 of 2,000 characters');
  });

  it('announces only when a step is crossed, not on every key', () => {
    expect(roomLeftAnnouncement(MAX - 201, MAX - 200)).toBe('200 characters left in this note.');
    expect(roomLeftAnnouncement(MAX - 200, MAX - 199)).toBeNull();
    expect(roomLeftAnnouncement(MAX - 120, MAX - 60)).toBe('60 characters left in this note.');
    expect(roomLeftAnnouncement(10, MAX)).toBe(noteFull());
    expect(roomLeftAnnouncement(MAX, MAX - 5)).toBeNull();
  });

  it('says how much of a paste was left out', () => {
    expect(cutMessage(1000)).toBe('Only part of that fitted: a note holds 2,000 characters, so the last 1,000 were left out.');
  });
});
