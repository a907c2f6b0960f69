/** Quantile with linear interpolation between order statistics (numpy's default, R type 7); one implementation for every stage. */
export { quantile } from '../../util/quantile.js';
