/**
 * `cli weights`: the final weight of each respondent after nonresponse adjustment (weighting classes) and
 * calibration — the same pipeline and options as `cli estimate`. Output columns exactly `<id>,weight`.
 */
import { CliError, type CliCommand } from '../command';
import { parseOptions, required, writeCsvFile } from '../io';
import { weightedSurvey, weightingOptions, weightingUsage } from './estimate';

const usage = `Usage: npm run --silent cli -- weights --data RESPONDENTS.csv --id household_id --strata district --weight design_weight --fpc N_h [--margins MARGINS.csv --calfun raking|linear] [--sample SAMPLE.csv --responded responded --nr-cells district,household_type] --out WEIGHTS.csv

Writes the final (nonresponse-adjusted, calibrated) weight of each respondent, in the order of --data.
${weightingUsage}  --out        output CSV: <id column>,weight
`;

const command: CliCommand = {
  summary: 'final respondent weights (nonresponse adjustment, calibration)',
  usage,
  async run(argv) {
    // --vars/--by are accepted so the same option list works for both commands; they do not change weights.
    const options = parseOptions(argv, { ...weightingOptions, vars: { type: 'string' }, by: { type: 'string' } }, usage);
    const out = required(options.out, 'out');
    const { design, data, idColumn } = weightedSurvey(options);
    if (idColumn === 'weight') throw new CliError("--id cannot be named 'weight': the output has a column 'weight'");
    const ids = data.values[idColumn];
    const rows = ids.map((id, i) => [id, design.weights[i]]);
    writeCsvFile(out, [idColumn, 'weight'], rows);
  },
};

export default command;
