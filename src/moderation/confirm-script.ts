/** The script a page with destructive forms or links lists, so they ask first with a dialog (static/js/confirm.js). */
export const CONFIRM_SCRIPT = ['/static/js/confirm.js'];
