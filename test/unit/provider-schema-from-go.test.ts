/**
 * terraform/provider-schema.json describes the pinned Google provider as its Go source reads
 * (scripts/provider-schema-from-go.mjs): CDKTF bound no release after 6.50.0. The reader is held
 * here to the CDKTF reading of 6.50.0 and to the committed extract of the pinned release, on
 * committed excerpts of the provider's source (test/fixtures/provider-google-go/README.md), and
 * the pinned release is held to sending `all_traffic_on_latest_revision = false`, which the
 * deploy relies on (docs/operations/deploying.md, "Who owns what").
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'provider-schema-from-go.mjs');
const excerpts = join(root, 'test', 'fixtures', 'provider-google-go');
const functionFile = 'google/services/cloudfunctions2/resource_cloudfunctions2_function.go';

/** What the reader answers for one resource type in the Go files under `dir`. */
function readResource(dir: string, type: string): unknown {
  const run = spawnSync(process.execPath, [script, dir, '--resource', type], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as { resources: Record<string, unknown> }).resources[type];
}

const committed = JSON.parse(readFileSync(join(root, 'terraform', 'provider-schema.json'), 'utf8')) as {
  providers: Record<string, { version: string; from: string }>;
  resources: Record<string, unknown>;
};
const pinned = committed.providers['hashicorp/google']?.version ?? '';

/**
 * The statement of `expandCloudfunctions2functionServiceConfig` that copies the flag into the
 * request: guarded by `IsEmptyValue`, it drops false.
 */
function flagCopy(version: string): string {
  const source = readFileSync(join(excerpts, `v${version}`, functionFile), 'utf8');
  const start = source.indexOf('transformedAllTrafficOnLatestRevision, err :=');
  const end = source.indexOf('transformed["allTrafficOnLatestRevision"]', start);
  if (start < 0 || end < 0) throw new Error(`no copy of allTrafficOnLatestRevision in the v${version} excerpt`);
  return source.slice(start, end);
}

describe('the provider schema read from the Go source', () => {
  it('GIVEN the 6.50.0 source of google_cloudfunctions2_function THEN it reads as the CDKTF binding of 6.50.0 describes it', () => {
    const cdktf = (JSON.parse(readFileSync(join(excerpts, 'cdktf-6.50.0.json'), 'utf8')) as Record<string, unknown>).google_cloudfunctions2_function;
    expect(readResource(join(excerpts, 'v6.50.0'), 'google_cloudfunctions2_function')).toEqual(cdktf);
  });

  it('GIVEN the pinned release’s source THEN it reads as terraform/provider-schema.json has it', () => {
    expect(committed.providers['hashicorp/google']?.from).toContain(`v${pinned} `);
    expect(readResource(join(excerpts, `v${pinned}`), 'google_cloudfunctions2_function')).toEqual(committed.resources.google_cloudfunctions2_function);
  });

  it('GIVEN the pinned release THEN it sends all_traffic_on_latest_revision when false, which 6.50.0 dropped', () => {
    expect(flagCopy('6.50.0')).toContain('IsEmptyValue');
    expect(flagCopy(pinned)).not.toContain('IsEmptyValue');
  });

  describe('GIVEN a resource written the ways the provider writes them', () => {
    let dir: string;
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'c500-go-schema-'));
      // 7.x: the type registers itself from its own package.
      write(
        'google/services/thing/resource_thing.go',
        `package thing

import (
	"time"

	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
	"github.com/hashicorp/terraform-provider-google/google/registry"
	"github.com/hashicorp/terraform-provider-google/google/tpgresource"
)

func init() {
	registry.Schema{
		Name:        "google_thing",
		ProductName: "thing",
		Type:        registry.SchemaTypeResource,
		Schema:      ResourceThing(),
	}.Register()
}

var sharedSchema = map[string]*schema.Schema{
	"project": {Type: schema.TypeString, Optional: true, Computed: true},
}

func partSchema() *schema.Resource {
	return &schema.Resource{Schema: map[string]*schema.Schema{"size": {Type: schema.TypeInt, Required: true}}}
}

func ResourceThing() *schema.Resource {
	return &schema.Resource{
		Timeouts: &schema.ResourceTimeout{Create: schema.DefaultTimeout(4 * time.Minute), Delete: schema.DefaultTimeout(4 * time.Minute)},
		Schema: tpgresource.MergeSchemas(sharedSchema, map[string]*schema.Schema{
			"name":      {Type: schema.TypeString, Required: true},
			"uri":       {Type: schema.TypeString, Computed: true},
			"parts":     {Type: schema.TypeList, Optional: true, Elem: partSchema()},
			"spec":      {Type: schema.TypeList, Required: true, MaxItems: 1, Elem: &schema.Resource{Schema: map[string]*schema.Schema{"kind": {Type: schema.TypeString, Optional: true}}}},
			"status":    {Type: schema.TypeList, Computed: true, Elem: partSchema()},
			"as_object": {Type: schema.TypeList, Optional: true, ConfigMode: schema.SchemaConfigModeAttr, Elem: partSchema()},
			"tags":      {Type: schema.TypeSet, Optional: true, Elem: &schema.Schema{Type: schema.TypeString}},
		}),
	}
}
`,
      );
      write(
        'google/tpgresource/utils.go',
        `package tpgresource

func MergeSchemas(a, b map[string]*schema.Schema) map[string]*schema.Schema { return nil }
`,
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('THEN arguments are what terraform accepts: computed-only fields left out, nested resources as blocks, MaxItems 1 single, timeouts a block', () => {
      expect(readResource(dir, 'google_thing')).toEqual({
        attributes: ['as_object', 'name', 'project', 'tags'],
        required: ['name'],
        blocks: {
          parts: { attributes: ['size'], required: ['size'], blocks: {} },
          spec: { attributes: ['kind'], required: [], blocks: {}, single: true, requiredBlock: true },
          timeouts: { attributes: ['create', 'delete'], required: [], blocks: {}, single: true },
        },
      });
    });
  });
});
