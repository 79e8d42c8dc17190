import type { Island } from './use-island';
import type { Training } from './use-training';

interface TrainingControlsProps {
  readonly island: Pick<Island, 'testId'>;
  readonly training: Training;
  /** False while training cannot start (no runtime yet, no data, diverged). */
  readonly enabled?: boolean;
  /** Label of the Step button ("Step (1 epoch)"); no Step button when absent. */
  readonly stepLabel?: string;
  /** Label of the Start button (default "Start"). */
  readonly startLabel?: string;
  /** Text beside the buttons, e.g. "N = 400, seed 1". */
  readonly note?: string;
}

/**
 * Start/Pause, Step and Restart of every training island, with test ids `<id>-toggle`,
 * `<id>-step` and `<id>-restart`.
 */
export function TrainingControls({ island, training, enabled = true, stepLabel, startLabel = 'Start', note }: TrainingControlsProps) {
  return (
    <>
      <button type="button" onClick={training.toggle} disabled={!enabled} data-testid={island.testId('toggle')}>{training.running ? 'Pause' : startLabel}</button>
      {stepLabel ? <button type="button" onClick={training.stepOnce} disabled={!enabled || training.running} data-testid={island.testId('step')}>{stepLabel}</button> : null}
      <button type="button" onClick={training.restart} data-testid={island.testId('restart')}>Restart</button>
      {note ? <span class="ld-training-note">{note}</span> : null}
    </>
  );
}
