/** English texts of offline use, spread into en.ts (keys as in vi-offline.ts). */
export const enOffline = {
  'offline.draftKept': 'Saved on this device; it will be sent once you are online.',
  'offline.pendingTitle': 'Not sent yet (kept on this device)',
  'offline.pendingLead': 'These drafts were written without a connection. They are sent automatically once you are online again.',
  'offline.pendingSaved': 'saved at {time}',
};
