/**
 * @module order-paths
 * Where orders are stored, `orders/<order id>`: read through `upgradeOrder`, so an order
 * stored in an older shape reads in today's.
 */
import { collectionPath, docPath } from '../../ports';
import type { Order } from './order';
import { upgradeOrder } from './upgrade-order';

export const ordersCollection = collectionPath<Order>('orders', upgradeOrder);
export const orderPath = (orderId: string) => docPath<Order>(`${ordersCollection}/${orderId}`);
