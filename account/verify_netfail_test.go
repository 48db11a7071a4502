package account

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/blueprint"
)

// TestVerifySaysWhenTheNetworkCannotBeRead: when the subnets' route tables
// cannot be read (here DescribeRouteTables is refused), verification says
// so at the subnets, whatever the design says of the endpoint; before, only
// a design with endpoint nat, or with neither vpcId nor an endpoint,
// reported it, and the walk-through's network facts were missing without
// a word.
func TestVerifySaysWhenTheNetworkCannotBeRead(t *testing.T) {
	u, _ := url.Parse(moto(t))
	rp := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if strings.Contains(string(body), "Action=DescribeRouteTables") {
			w.Header().Set("Content-Type", "text/xml")
			w.WriteHeader(http.StatusForbidden)
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>UnauthorizedOperation</Code>`+
				`<Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>`)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c := loadMoto(t, srv.URL, nil)
	f := seed(t, c)
	for _, endpoint := range []string{blueprint.EndpointExisting, f.endpointA} {
		d := &blueprint.Design{Version: 1, Secret: blueprint.Secret{SecretID: "prod/app"},
			Rotation: &blueprint.Rotation{AutomaticallyAfterDays: 30, HostedRotationLambda: &blueprint.HostedRotationLambda{
				RotationType: "PostgreSQLSingleUser", RotationLambdaName: "app-rotation-net", Endpoint: endpoint,
				VPCSubnetIDs: []string{f.subA1, f.subA2}, VPCSecurityGroupIDs: []string{f.sgA}}}}
		said := false
		for _, ch := range c.Verify(ctx(t), d) {
			if ch.Status == StatusError && strings.Contains(ch.Message, "route tables") {
				said = true
			}
		}
		if !said {
			t.Errorf("endpoint %s: no check says the route tables could not be read", endpoint)
		}
	}
}
