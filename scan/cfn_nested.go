package scan

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint/designfile"
)

// Limits on nested stacks: CloudFormation allows five levels of nesting;
// the count bounds a template whose stacks fan out at every level.
const (
	maxStackDepth = 8
	maxStacks     = 200
	// maxStackBytes bounds the nested templates read in all, so that a
	// template naming one large file many times is read quickly.
	maxStackBytes = 32 << 20
)

// nested follows the AWS::CloudFormation::Stack resources of a template
// whose TemplateURL is a local file: the nested template is read with the
// parameters the stack passes, and its secrets, notices and the files it
// read are added to the result. A stack that cannot be followed (remote,
// unknown or missing template, a loop of templates, past the limits) is a
// notice at its TemplateURL.
func (rd *cfnReader) nested(b *cfnBuilder, chain []string) error {
	file := chain[len(chain)-1]
	for _, r := range b.t.resources {
		if r.typ != "AWS::CloudFormation::Stack" || r.cond == triFalse {
			continue
		}
		at := r.props.keyPos("TemplateURL")
		notice := func(msg string) {
			b.res.Notices = append(b.res.Notices, Notice{Pos: at, Resource: r.id, Msg: msg + "; the secrets of that stack are not checked"})
		}
		url := r.props.get("TemplateURL")
		loc, ok := scalar(url)
		switch {
		case url == nil:
			notice("the nested stack has no TemplateURL")
			continue
		case url.k == kUnknown:
			notice("its TemplateURL is not known until deployment (" + url.s + ")")
			continue
		case !ok || loc == "":
			notice("its TemplateURL is not a string")
			continue
		case strings.Contains(loc, "://"):
			notice("its template is at " + loc + ", which secretsmith does not fetch")
			continue
		}
		path := loc
		if !filepath.IsAbs(path) {
			path = filepath.Join(filepath.Dir(file), path)
		}
		path = filepath.Clean(path)
		if !rd.tree.holds(path) {
			notice("its template " + rd.tree.outside(loc))
			continue
		}
		if loop := includes(chain, path); loop != "" {
			notice("its template " + loc + " includes itself (" + loop + "), which CloudFormation cannot deploy; it is not followed again")
			continue
		}
		if len(chain) > maxStackDepth {
			notice("it is nested more than " + strconv.Itoa(maxStackDepth) + " stacks deep, deeper than secretsmith follows")
			continue
		}
		if rd.stacks >= maxStacks {
			notice("the template has more than " + strconv.Itoa(maxStacks) + " nested stacks, more than secretsmith follows")
			continue
		}
		rd.stacks++
		data, err := designfile.ReadFileMax(path, true, MaxFileSize)
		if err != nil {
			notice("its template " + loc + " cannot be read (" + readReason(err) + ")")
			continue
		}
		if rd.bytes += len(data); rd.bytes > maxStackBytes {
			notice("the nested templates add up to more than " + strconv.Itoa(maxStackBytes>>20) + " MiB, more than secretsmith reads")
			continue
		}
		given := map[string]*value{}
		switch ps := r.props.get("Parameters"); {
		case ps == nil:
		case ps.k == kMap:
			for i, k := range ps.keys {
				given[k] = passed(r.id, k, ps.vals[i])
			}
		default:
			// Every parameter comes from a value not known: each one the
			// nested template declares is unknown, defaults and all.
			why := unknownAt(r.props.keyPos("Parameters"), "the parameters of the nested stack %s are not known until deployment", r.id)
			for _, k := range declaredParams(data, path) {
				given[k] = why
			}
		}
		child, err := rd.read(path, data, given, chain)
		if err != nil {
			// The parent is still judged; the stack is a notice.
			notice("its template " + loc + " cannot be read as a template (" + err.Error() + ")")
			continue
		}
		b.res.Included = append(b.res.Included, path)
		b.res.Included = append(b.res.Included, child.Included...)
		for _, n := range child.Notices {
			n.Resource = r.id + "/" + n.Resource
			b.res.Notices = append(b.res.Notices, n)
		}
		for _, s := range child.Secrets {
			s.ID = r.id + "/" + s.ID
			if r.cond == triUnknown {
				s.Unknown.Add("secret", "the nested stack "+r.id+" "+r.unsure())
			}
			b.res.Secrets = append(b.res.Secrets, s)
		}
	}
	return nil
}

// passed is the value a parent gives a nested stack's parameter, as the
// nested template sees it: a resource of the parent is only known once it
// is deployed.
func passed(stack, param string, v *value) *value {
	switch v.k {
	case kRef:
		return unknownAt(v.pos, "the parameter %s is given %s of the parent stack, known once it is deployed", param, refText(v))
	case kUnknown:
		return unknownAt(v.pos, "the parameter %s is given by the stack %s a value not known until deployment: %s", param, stack, v.s)
	case kNull:
		return strAt(v.pos, "")
	}
	return v
}

// declaredParams lists the parameters a template declares, without reading
// it further.
func declaredParams(data []byte, path string) []string {
	root, err := parseYAML(path, data)
	if err != nil {
		return nil
	}
	return root.get("Parameters").keysOf()
}

func (v *value) keysOf() []string {
	if v == nil || v.k != kMap {
		return nil
	}
	return v.keys
}

// includes reports, when path is already in the chain of templates that
// include one another, the loop it makes.
func includes(chain []string, path string) string {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return filepath.Clean(p)
	}
	want := abs(path)
	for i, c := range chain {
		if abs(c) == want {
			names := make([]string, 0, len(chain)-i+1)
			for _, x := range chain[i:] {
				names = append(names, filepath.Base(x))
			}
			return strings.Join(append(names, filepath.Base(path)), " -> ")
		}
	}
	return ""
}

// readReason is why a nested template cannot be read, without the path
// the notice already names.
func readReason(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}
