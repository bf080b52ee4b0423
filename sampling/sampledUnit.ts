/** One selected unit with its design quantities. */
export interface SampledUnit<T> {
  /** The frame row as given. */
  row: T;
  /** Position of the row in the frame (0-based). */
  rowIndex: number;
  stratum: string;
  /** First-order inclusion probability π = n_h / N_h. */
  inclusionProbability: number;
  /** Design weight 1 / π = N_h / n_h (Horvitz & Thompson 1952). */
  designWeight: number;
}

/** A selected unit by row position only (draws on FrameUnits, where no row objects exist). */
export type DrawnUnit = Omit<SampledUnit<unknown>, 'row'>;
