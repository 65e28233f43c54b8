// @ts-check
// How every figure reads in the browser: the same rules as the server's FigureFormat
// (Formatting/FigureFormat.cs), so a figure keeps its shape when a module updates it.

/** Shown where a figure does not exist yet. */
export const MISSING = '\u2014';

const fixed = [0, 1, 2].map(digits => new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
}));

/**
 * Two decimals below 10, one below 100, none above.
 * @param {number | null | undefined} value
 * @returns {string}
 */
export function adaptive(value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
        return MISSING;
    }
    const magnitude = Math.abs(value);
    return fixed[magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0].format(value);
}

/**
 * A fraction (0..1) as a percentage with one decimal, without the sign.
 * @param {number | null | undefined} fraction
 * @returns {string}
 */
export function percent(fraction) {
    return typeof fraction === 'number' && Number.isFinite(fraction) ? fixed[1].format(fraction * 100) : MISSING;
}

/**
 * A whole number with thousands separators.
 * @param {number | null | undefined} value
 * @returns {string}
 */
export function count(value) {
    return typeof value === 'number' && Number.isFinite(value) ? fixed[0].format(value) : MISSING;
}

/**
 * A time of day in UTC ("HH:mm:ss UTC"), as the server renders it.
 * @param {string | null | undefined} isoTime
 * @returns {string}
 */
export function clockUtc(isoTime) {
    const at = isoTime ? new Date(isoTime) : null;
    return at && !Number.isNaN(at.getTime()) ? `${at.toISOString().substring(11, 19)} UTC` : MISSING;
}
