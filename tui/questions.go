package tui

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/secretsmith/secretsmith/blueprint"
)

// question is the text of one field: a short title, the one-line hint shown
// under it while it has focus, and the longer help that ? or F1 opens when
// no blueprint rule explains the field. The words are in questions.txt,
// where they can be edited as prose; ask reads one.
type question struct {
	title, hint, help string
}

// questionsTxt is the words of every field and step; the head of the file
// says how it is written.
//
//go:embed questions.txt
var questionsTxt string

// words is questions.txt read, each record by its name; asked holds the
// names ask has given out, so a test can tell a record nothing reads.
var (
	words = readWords(questionsTxt)
	asked = map[string]bool{}
)

// ask returns the words questions.txt holds under name. A name the file
// does not hold is a mistake in this package: it stops every test and
// every run at once.
func ask(name string) question {
	q, ok := words[name]
	if !ok {
		panic("tui/questions.txt has no record " + name)
	}
	asked[name] = true
	return q
}

// readWords reads the records of questions.txt. A record starts at a line
// "== NAME"; a line "title: ..." and then a line "hint: ..." may follow it,
// and the lines after those are its help, joined by single spaces. Lines
// starting with # and blank lines are skipped.
func readWords(txt string) map[string]question {
	qs := map[string]question{}
	var name string
	var help []string
	for i, line := range strings.Split(txt, "\n") {
		line = strings.TrimSuffix(line, "\r")
		q := qs[name]
		switch {
		case strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "":
			continue
		case strings.HasPrefix(line, "== "):
			name, help = strings.TrimPrefix(line, "== "), nil
			if _, dup := qs[name]; dup {
				panic(fmt.Sprintf("tui/questions.txt:%d: a second record %s", i+1, name))
			}
			q = question{}
		case name == "":
			panic(fmt.Sprintf("tui/questions.txt:%d: words before the first record", i+1))
		case help == nil && q.hint == "" && q.title == "" && strings.HasPrefix(line, "title: "):
			q.title = strings.TrimPrefix(line, "title: ")
		case help == nil && q.hint == "" && strings.HasPrefix(line, "hint: "):
			q.hint = strings.TrimPrefix(line, "hint: ")
		default:
			help = append(help, strings.TrimSpace(line))
			q.help = strings.Join(help, " ")
		}
		qs[name] = q
	}
	return qs
}

// Step titles, and the paragraph --learn shows before each step's questions.
var stepText = map[step]struct{ title, intro string }{
	stepStart:      stepWords("stepStart"),
	stepSecret:     stepWords("stepSecret"),
	stepEncryption: stepWords("stepEncryption"),
	stepPolicy:     stepWords("stepPolicy"),
	stepRotation:   stepWords("stepRotation"),
	stepMonitoring: stepWords("stepMonitoring"),
	stepReview:     stepWords("stepReview"),
	stepDone:       stepWords("stepDone"),
}

// stepWords returns the title and the --learn paragraph of a step: the
// title and the help of its record in questions.txt.
func stepWords(name string) struct{ title, intro string } {
	q := ask(name)
	return struct{ title, intro string }{q.title, q.help}
}

// lineIntro is the paragraph line mode's --learn shows instead of a step's
// intro where that one speaks of the screens: line mode has no checklist
// on the right.
var lineIntro = map[step]string{
	stepStart: ask("lineStart").help,
}

// The words of each field, read from questions.txt (ask).
var (
	// Start.
	qStart        = ask("qStart")
	qExistingARN  = ask("qExistingARN")
	qDesignFile   = ask("qDesignFile")
	qImportFile   = ask("qImportFile")
	qImportSecret = ask("qImportSecret")

	// Secret.
	qSecretID       = ask("qSecretID")
	qDescription    = ask("qDescription")
	qRegion         = ask("qRegion")
	qPasswordLength = ask("qPasswordLength")
	qExcludeChars   = ask("qExcludeChars")
	qTemplate       = ask("qTemplate")
	qGenerateKey    = ask("qGenerateKey")
	qRecovery       = ask("qRecovery")
	qTagKey         = ask("qTagKey")
	qTagValue       = ask("qTagValue")
	qTagAdd         = ask("qTagAdd")
	qReplicaRegion  = ask("qReplicaRegion")
	qReplicaKey     = ask("qReplicaKey")
	qReplicaAdd     = ask("qReplicaAdd")

	// Encryption.
	qKeyChoice = ask("qKeyChoice")
	qKMSKey    = ask("qKMSKey")

	// Resource policy.
	qStatements      = ask("qStatements")
	qBlock           = ask("qBlock")
	qSid             = ask("qSid")
	qEffect          = ask("qEffect")
	qPrinElem        = ask("qPrinElem")
	qActElem         = ask("qActElem")
	qPrinType        = ask("qPrinType")
	qPrinValues      = ask("qPrinValues")
	qPrinAccounts    = ask("qPrinAccounts")
	qPrinServices    = ask("qPrinServices")
	qPrinFederated   = ask("qPrinFederated")
	qActions         = ask("qActions")
	qResource        = ask("qResource")
	qCondOp          = ask("qCondOp")
	qCondKey         = ask("qCondKey")
	qCondValues      = ask("qCondValues")
	qPolicyAdd       = ask("qPolicyAdd")
	qPolicyRole      = ask("qPolicyRole")
	qPolicyAccount   = ask("qPolicyAccount")
	qPolicyVPCE      = ask("qPolicyVPCE")
	qAddCondition    = ask("qAddCondition")
	qRemoveCondition = ask("qRemoveCondition")
	qBackToList      = ask("qBackToList")

	// The buttons of rows, of the review and of Done.
	qRemoveRow    = ask("qRemoveRow")
	qWaive        = ask("qWaive")
	qRemoveWaiver = ask("qRemoveWaiver")
	qWrite        = ask("qWrite")
	qDoneQuit     = ask("qDoneQuit")

	// Every step's Continue button.
	qContinue = ask("qContinue")

	// Rotation.
	qRotate           = ask("qRotate")
	qSchedule         = ask("qSchedule")
	qDays             = ask("qDays")
	qExpression       = ask("qExpression")
	qDuration         = ask("qDuration")
	qImmediately      = ask("qImmediately")
	qFunction         = ask("qFunction")
	qRotationType     = ask("qRotationType")
	qLambdaName       = ask("qLambdaName")
	qHostedKMS        = ask("qHostedKMS")
	qMasterSecret     = ask("qMasterSecret")
	qMasterKMS        = ask("qMasterKMS")
	qSubnets          = ask("qSubnets")
	qSecGroups        = ask("qSecGroups")
	qLambdaARN        = ask("qLambdaARN")
	qLambdaRole       = ask("qLambdaRole")
	qLambdaRoleOwnKey = ask("qLambdaRoleOwnKey")
	qDBForm           = ask("qDBForm")
	qDBHost           = ask("qDBHost")
	qDBPort           = ask("qDBPort")
	qDBName           = ask("qDBName")
	qDBUser           = ask("qDBUser")
	qDBTargetType     = ask("qDBTargetType")
	qDBTargetID       = ask("qDBTargetID")
	qEndpoint         = ask("qEndpoint")
	qEndpointID       = ask("qEndpointID")
	qVPCID            = ask("qVPCID")
	qVPCCIDR          = ask("qVPCCIDR")

	// Monitoring.
	qAlert       = ask("qAlert")
	qEmail       = ask("qEmail")
	qChangeAlert = ask("qChangeAlert")
	qAlertTopic  = ask("qAlertTopic")
	qConfigRules = ask("qConfigRules")

	// Review.
	qFormat         = ask("qFormat")
	qOutput         = ask("qOutput")
	qReaderPolicies = ask("qReaderPolicies")
	qOverwrite      = ask("qOverwrite")
	qWaiveRule      = ask("qWaiveRule")
	qWaiveReason    = ask("qWaiveReason")
)

// screenPhrases rewrites, in messages on screen, phrases that name a
// choice by its design-file values rather than its options' labels. A
// phrase is matched whole, so a message reworded in blueprint simply
// shows as it is (line mode, generate and check keep the file's words).
var screenPhrases = strings.NewReplacer(
	blueprint.EndpointAdvice,
	`give `+qVPCID.title+` to have an endpoint created, or choose "The VPC has one", "NAT gateway" or "Its endpoint id" for `+qEndpoint.title,
	// With --aws, the walk-through's fix for subnets that have no route.
	"set endpoint to nat", `choose "NAT gateway" for `+qEndpoint.title,
	// The rule's To meet it, on a field's help page (trial8a W2).
	"endpoint says existing (the VPC has one, with private DNS) or nat (the subnets route through a NAT gateway)",
	qEndpoint.title+` is "The VPC has one" (with private DNS) or "NAT gateway" (the subnets route through one)`,
	"endpoint is nat", qEndpoint.title+` is "NAT gateway"`,
	// The walk-through's fixes for the database an RDS master secret
	// signs in to (a key not in camelCase, which onScreen leaves).
	"make sure host is", "make sure "+qDBHost.title+" is",
	"set host to", "set "+qDBHost.title+" to",
	// Said under the field the database's choice shows, the advice names
	// that choice (databaseFields); elsewhere it names no field.
	blueprint.DatabaseAdvice, "give the database's host name, or the database resource it is",
	// The database's keys, named in the JSON template's messages as
	// paths (a space before them: a longer path is left whole).
	" database.username", " "+qDBUser.title,
	" database.host", " "+qDBHost.title,
	" database.port", " "+qDBPort.title,
	" database.dbname", " "+qDBName.title,
	// A toggle named with its value, and a key named as what it writes
	// (the whole paths in messages: wholePathsOnScreen).
	"with rotation.rotateImmediately false", `with "`+qImmediately.title+`" off`,
	"the Config rules monitoring.configRules writes", "the Config rules the templates write",
)

// screenLabels names, for each design-file key that Validate's and the
// rules' messages mention, what the screens call it: a message on screen
// speaks of the label the user sees, not of the file's key (line mode,
// generate and check keep the keys, since they print paths).
var screenLabels = map[string]string{
	"secretId":               qSecretID.title,
	"existingSecretArn":      qExistingARN.title,
	"description":            qDescription.title,
	"region":                 qRegion.title,
	"passwordLength":         qPasswordLength.title,
	"excludeCharacters":      qExcludeChars.title,
	"secretStringTemplate":   qTemplate.title,
	"generateStringKey":      qGenerateKey.title,
	"generateSecretString":   "the generated password",
	"recoveryWindowDays":     qRecovery.title,
	"kmsKeyArn":              "KMS key",
	"replicaRegions":         "Replica regions",
	"blockPublicPolicy":      qBlock.title,
	"sid":                    qSid.title,
	"effect":                 qEffect.title,
	"principal":              qPrinValues.title,
	"action":                 qActions.title,
	"resource":               qResource.title,
	"notPrincipal":           "NotPrincipal",
	"notAction":              "NotAction",
	"automaticallyAfterDays": qDays.title,
	"scheduleExpression":     qExpression.title,
	"duration":               qDuration.title,
	"rotateImmediately":      qImmediately.title,
	"rotationLambdaArn":      qLambdaARN.title,
	"rotationLambdaRoleArn":  qLambdaRole.title,
	"hostedRotationLambda":   "a hosted function",
	"rotationType":           qRotationType.title,
	"rotationLambdaName":     qLambdaName.title,
	"masterSecretArn":        qMasterSecret.title,
	"masterSecretKmsKeyArn":  qMasterKMS.title,
	"vpcSubnetIds":           qSubnets.title,
	"vpcSecurityGroupIds":    qSecGroups.title,
	"rotationFailureAlert":   qAlert.title,
	"alertEmail":             qEmail.title,
	"alertTopicArn":          qAlertTopic.title,
	"changeAlert":            qChangeAlert.title,
	"configRules":            qConfigRules.title,
	"targetType":             qDBTargetType.title,
	"targetId":               qDBTargetID.title,
	"vpcId":                  qVPCID.title,
	"endpoint":               qEndpoint.title,
	"vpcCidr":                qVPCCIDR.title,
	// Keys of problems that no field shows, named on the Review by
	// pathLabel (issue 22's third trial: "rotation:", "secret.tags:").
	// They are not camelCase, so onScreen leaves the words in messages.
	"rotation":   qRotate.title,
	"tags":       "Tags",
	"statements": qStatements.title,
	// The whole policy (its size), as its step is called.
	"resourcePolicy": stepText[stepPolicy].title,
	"host":           qDBHost.title,
	// The database's other keys and the database itself, as --learn's
	// review names them in findings and in what a rule asks (issue 22:
	// "Not met: secret.database.username is missing").
	"username": qDBUser.title,
	"port":     qDBPort.title,
	"dbname":   qDBName.title,
	"database": qDBForm.title,
}
