/** The labels a report classifier learns, in the order they are predicted (reason uses category; executor_org uses reason). */
export const LABELS = ['category', 'reason', 'executor_org'] as const;
export type LabelName = (typeof LABELS)[number];

/** What is known about a report when it is classified. */
export interface ReportInput {
  text: string;
  lat?: number | null;
  lon?: number | null;
  district?: string | null;
  city_object?: string | null;
  address?: string | null;
}

/** A labelled report; any label may be missing (that line is then skipped for that label only). */
export interface TrainingExample extends ReportInput {
  /** Filing time (ISO 8601); when every example has one, the calibration slice is the newest reports. */
  dt?: string | null;
  category?: string | null;
  reason?: string | null;
  executor_org?: string | null;
}

export interface FeatureConfig {
  /** The hashed feature space has 2^hashBits buckets; only buckets seen in training are stored. */
  hashBits: number;
  /** 1: word unigrams; 2: unigrams and bigrams (of stems, stop words removed). */
  wordNgrams: 1 | 2;
  /** Character n-grams within words, [min, max] length, or null for none. */
  charNgrams: [number, number] | null;
  stopwords: boolean;
  stem: boolean;
  /** Weight of each L2-normalised group: word n-grams, character n-grams. */
  wordWeight: number;
  charWeight: number;
  /** Value of each one-hot context feature (district, object type, their cross, geo cells, address). */
  contextWeight: number;
  district: boolean;
  cityObject: boolean;
  districtObject: boolean;
  /** Geo cell sizes in degrees of latitude (longitude cells are twice as wide, about square at 60° N). */
  geoCells: number[];
  address: boolean;
  /**
   * Read texts as letters from other systems (letter.ts): markup, headers, greetings, signatures,
   * quotes and boilerplate dropped; street names named in the text become `text_street=` context
   * features instead of words. Absent (false) in model files written before it existed.
   */
  letters?: boolean;
  /** A text feature is kept only when it occurs in at least this many training reports. */
  minDf: number;
  /** Context features (address, geo cells, crosses) need at least this many reports. */
  minContextDf: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  hashBits: 20,
  wordNgrams: 2,
  charNgrams: [2, 4],
  stopwords: true,
  stem: true,
  wordWeight: 1,
  charWeight: 1,
  contextWeight: 1,
  district: true,
  cityObject: true,
  districtObject: true,
  geoCells: [],
  address: false,
  letters: true,
  minDf: 2,
  minContextDf: 2,
};
