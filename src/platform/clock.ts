/** The time as the service sees it: injected everywhere, so that tests move it instead of waiting. */
export type Clock = () => Date;
