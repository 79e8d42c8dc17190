/**
 * The tfjs types every layer uses (types only: nothing here loads tfjs at run time). `src/tensor/`
 * owns them so that the bottom layer never imports from the derivation layer above it.
 */
import type * as TfCore from '@tensorflow/tfjs-core';

/** The tfjs namespace handed to models and trainers (core ops + registered gradients). */
export type Tf = typeof TfCore;
export type Scalar = TfCore.Scalar;
export type Tensor = TfCore.Tensor;
export type Tensor1D = TfCore.Tensor1D;
export type Tensor2D = TfCore.Tensor2D;
export type Variable = TfCore.Variable;
export type Optimizer = TfCore.Optimizer;
