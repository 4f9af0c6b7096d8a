import { ConfigError } from '../../../shared/config';
import { productionEdgesOn } from '../../../shared/local/production-edges';

describe('which production clients’ edges the local runtime uses', () => {
  it('uses none unless C500_PRODUCTION_CLIENTS=1, whatever C500_PRODUCTION_EDGES says', () => {
    expect([...productionEdgesOn({})]).toEqual([]);
    expect([...productionEdgesOn({ C500_PRODUCTION_CLIENTS: 'true', C500_PRODUCTION_EDGES: 'stripe' })]).toEqual([]);
  });

  it('uses all of them under the switch, or those C500_PRODUCTION_EDGES names', () => {
    expect([...productionEdgesOn({ C500_PRODUCTION_CLIENTS: '1' })]).toEqual(['upstash']);
    expect([...productionEdgesOn({ C500_PRODUCTION_CLIENTS: '1', C500_PRODUCTION_EDGES: 'upstash, firestore' })]).toEqual(['upstash']);
  });

  it('takes `stripe`, no longer an edge (every function reaches the local Stripe over HTTP), and changes nothing with it', () => {
    expect([...productionEdgesOn({ C500_PRODUCTION_CLIENTS: '1', C500_PRODUCTION_EDGES: 'stripe' })]).toEqual([]);
    expect([...productionEdgesOn({ C500_PRODUCTION_CLIENTS: '1', C500_PRODUCTION_EDGES: 'stripe,upstash' })]).toEqual(['upstash']);
  });

  it('refuses a name that is no edge, naming the ones there are', () => {
    expect(() => productionEdgesOn({ C500_PRODUCTION_CLIENTS: '1', C500_PRODUCTION_EDGES: 'stripe,redis' })).toThrow(ConfigError);
    expect(() => productionEdgesOn({ C500_PRODUCTION_CLIENTS: '1', C500_PRODUCTION_EDGES: 'redis' })).toThrow('the edges are upstash');
  });
});
