package account

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"golang.org/x/sync/errgroup"

	"github.com/secretsmith/secretsmith/internal/motoserver"
)

// BenchmarkAudit5000 audits a moto account of 5,000 secrets (CI=true and
// moto needed; seeding takes a while, so run it with -benchtime 1x). It
// reports the calls made per secret and the wall time of one audit.
func BenchmarkAudit5000(b *testing.B) {
	const n = 5000
	moto := motoserver.Shared(b)
	p := newAuditProxy(b, moto)
	c := loadMoto(b, p.URL, nil)
	sm := c.secrets()
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(16)
	for i := range n {
		g.Go(func() error {
			_, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(fmt.Sprintf("app/%04d", i))})
			return err
		})
	}
	if err := g.Wait(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var rep *AuditReport
	for b.Loop() {
		var err error
		if rep, err = c.Audit(context.Background(), AuditOptions{Now: auditNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if len(rep.Secrets) != n {
		b.Fatalf("audited %d secrets", len(rep.Secrets))
	}
	calls := 0
	for _, v := range rep.Calls {
		calls += v
	}
	b.ReportMetric(float64(calls)/n, "calls/secret")
	b.ReportMetric(float64(rep.Calls["secretsmanager:ListSecrets"]), "ListSecrets-pages")
}
