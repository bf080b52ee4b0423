import mongoose from 'mongoose';

/**
 * The paths a mongoose document fails schema validation on, sorted ([] when it is valid). Runs the
 * schema's validators only, so it needs no server.
 */
export async function schemaErrorPaths(doc: { validate(): Promise<void> }): Promise<string[]> {
  try {
    await doc.validate();
    return [];
  } catch (err) {
    if (err instanceof mongoose.Error.ValidationError) return Object.keys(err.errors).sort();
    throw err;
  }
}
