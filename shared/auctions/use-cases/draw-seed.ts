/**
 * @module draw-seed
 * A new auction's draw seed (`sealed-draw`): 128 random bits, drawn once when it starts, so
 * nobody (C500 included) can pick who wins a tie in its final call.
 */
import { randomBytes } from 'node:crypto';

export const newDrawSeed = (): string => randomBytes(16).toString('hex');
