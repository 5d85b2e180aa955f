// 空白二维码标签 A blank QR label is named on paper, on the staff's bind banner and in the unit's
// timeline by the last six characters of its token: short enough to read aloud, and it never shows
// the whole token (which is what opens the label).

/** The reference printed under a blank label's code, e.g. "K3F9QZ". */
export const labelReference = (token: string): string => token.slice(-6).toUpperCase();
