// Where a shot was taken from, in metres. Event coordinates are percentages of the pitch: x along it, towards
// the goal the shooting team attacks (x = 100 is that goal line), y across it (the goal's centre is y = 50),
// whichever way the teams really play in that half — the same convention as the dashboard's shot map.
// The pitch is taken as 105 × 68 m, FIFA's recommended size and the one the xG model below was fitted on; a
// source does not say the real size, so distances are what they would be on that pitch.

export const PITCH_LENGTH_M = 105;
export const PITCH_WIDTH_M = 68;
export const GOAL_WIDTH_M = 7.32;

export interface Coordinates {
  x: number;
  y: number;
}

export interface ShotGeometry {
  /** Distance to the goal line (the model's X). */
  toGoalLine: number;
  /** Distance sideways from the line through the goal's centre (the model's C). */
  fromCentreLine: number;
  /** Distance to the centre of the goal. */
  distance: number;
  /** Angle the goal mouth subtends at the shot, in radians (0 to π). */
  angle: number;
}

export function shotGeometry({ x, y }: Coordinates): ShotGeometry {
  const toGoalLine = ((100 - x) / 100) * PITCH_LENGTH_M;
  const fromCentreLine = (Math.abs(y - 50) / 100) * PITCH_WIDTH_M;
  return {
    toGoalLine,
    fromCentreLine,
    distance: Math.hypot(toGoalLine, fromCentreLine),
    angle: goalAngle(toGoalLine, fromCentreLine),
  };
}

/**
 * The angle between the lines to the two posts ("The Geometry of Shooting", Soccermatics), in the form the xG
 * model was fitted with: arctan(w·X / (X² + C² − (w/2)²)), plus π when the arctan is negative (the shot is
 * between the posts and close enough for the mouth to span more than a right angle).
 */
export function goalAngle(toGoalLine: number, fromCentreLine: number): number {
  if (toGoalLine <= 0) return 0;
  const a = Math.atan(
    (GOAL_WIDTH_M * toGoalLine) / (toGoalLine ** 2 + fromCentreLine ** 2 - (GOAL_WIDTH_M / 2) ** 2),
  );
  return a < 0 ? a + Math.PI : a;
}
