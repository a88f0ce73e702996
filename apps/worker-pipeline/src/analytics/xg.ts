import { type Coordinates, goalAngle, shotGeometry } from "./pitch.js";

/**
 * Expected goals from where a shot was taken: the logistic regression fitted in Soccermatics, "Fitting the xG
 * model" (David Sumpter et al., the course behind Friends of Tracking's xG videos):
 *   https://soccermatics.readthedocs.io/en/latest/gallery/lesson2/plot_xGModelFit.html
 * A binomial GLM over the 8 451 non-penalty shots of Wyscout's open data for the 2017/18 Premier League, on the
 * shot's distance and angle and their components: Angle (radians), Distance (m), X (m to the goal line),
 * C (m from the centre line), X², C² and Angle·X. The coefficients are the page's published fit, unchanged.
 * Check values (straight in front of goal): 11 m → 0.181, 20 m → 0.062, 30 m → 0.025.
 * It knows nothing of body part, defenders or the keeper: a header is scored like a shot with the foot.
 */
const FIT = {
  intercept: 0.5103,
  angle: 0.6338,
  distance: -0.2798,
  x: 0.1243,
  c: -0.03,
  x2: 0.0014,
  c2: 0.0041,
  angleX: -0.1251,
} as const;

/**
 * A penalty is not a shot the geometric fit knows (it excludes penalties, and scores the spot at 0.18): it gets
 * the long-run conversion rate of penalties instead, about 76 % in the top leagues (the value public xG
 * providers use lies between 0.76 and 0.79).
 */
export const PENALTY_XG = 0.76;

/**
 * Where the fit stops being believed. Its X² term turns the curve back up far from goal (it would give a shot
 * from the halfway line more than one from 40 m), and the sample has next to no shots beyond ~35 m; so a
 * longer shot is scored as if taken 35 m away in the same direction, the flat low tail real shots show.
 * On the goal line itself the angle feature jumps to π, also outside the data: X is at least half a metre.
 */
const MAX_DISTANCE_M = 35;
const MIN_TO_GOAL_LINE_M = 0.5;

export function expectedGoals(at: Coordinates): number {
  const g = shotGeometry(at);
  const scale = g.distance > MAX_DISTANCE_M ? MAX_DISTANCE_M / g.distance : 1;
  const x = Math.max(MIN_TO_GOAL_LINE_M, g.toGoalLine * scale);
  const c = g.fromCentreLine * scale;
  const angle = goalAngle(x, c);
  const logit =
    FIT.intercept +
    FIT.angle * angle +
    FIT.distance * Math.hypot(x, c) +
    FIT.x * x +
    FIT.c * c +
    FIT.x2 * x * x +
    FIT.c2 * c * c +
    FIT.angleX * angle * x;
  return 1 / (1 + Math.exp(-logit));
}
