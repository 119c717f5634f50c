/** What the quantization analysis of one model for one target finds (the object every view renders). */
import type { WeightDiagnostics } from '../weight-diagnostics.js';
import type { ActivationDiagnostics } from './activation-diagnostics.js';
import type { LayerError } from './error-sum.js';

export interface LayerReport {
  /** Node (layer) name, and its source layer's name and type when imported from Caffe or TFLite. */
  node: string;
  op: string;
  origin: { name: string; type: string } | null;
  /** First output tensor name (rknn's layer key). */
  output: string;
  /** The quantized data input. */
  input: string;
  /** This layer quantized alone, on the float run's own inputs. */
  isolated: LayerError;
  /** Every layer up to and including this one quantized (error accumulated from the input). */
  accumulated: LayerError;
  weights: WeightDiagnostics;
  /** Whether BatchNormalization (or a per-channel scale) was folded into these weights first. */
  foldedBatchNorm: boolean;
  activation: ActivationDiagnostics;
  /** The activation range the scheme's calibration chose. */
  calibratedRange: { lo: number; hi: number };
}

export interface OutputError {
  output: string;
  /** Overall and per-channel (axis 1) mean SQNR. */
  error: LayerError;
}

export interface QuantReport {
  target: string;
  scheme: { kind: string; weights: string; activations: string; calibration: string };
  /** Whether the inputs were seeded synthetic data (results are then indicative only). */
  synthetic: boolean;
  calibrationSamples: number;
  evaluationSamples: number;
  /** Layers ranked by damage: lowest isolated per-channel mean SQNR first. */
  layers: LayerReport[];
  endToEnd: OutputError[];
  /** The layers to keep at higher precision (float), and the end-to-end error re-simulated with them kept. */
  advice: { keep: { node: string; output: string }[]; predicted: OutputError[] };
  warnings: string[];
}
