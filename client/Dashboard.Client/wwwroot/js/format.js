// @ts-check
// How every figure reads in the browser: the same rules as the server's FigureFormat
// (Formatting/FigureFormat.cs), so a figure keeps its shape when a module updates it.

/** Shown where a figure does not exist yet. */
export const MISSING = '\u2014';

// Halves round away from zero (Intl's default, halfExpand); signDisplay 'negative' never shows
// a minus on a value that rounds to zero, as "-0.00" would read as a negative time.
const fixed = [0, 1, 2].map(digits => new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: 'negative',
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

const short = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' });

/**
 * As few digits as the value needs (up to two decimals): for axis ticks and settings, which
 * are round numbers, not measurements.
 * @param {number} value
 * @returns {string}
 */
export function compact(value) {
    return Number.isFinite(value) ? short.format(value) : MISSING;
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
