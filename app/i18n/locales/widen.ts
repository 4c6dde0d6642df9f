/** The shape of a messages object with every string widened, for the other language to fill. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
