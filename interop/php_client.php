<?php
// Interop client: PHP's SoapClient (Debian's php-cli + php-soap) against the served WSDL.
//
// Usage: php php_client.php WSDL_URL        (or env INTEROP_WSDL_URL)
//
// Runs the interop flow twice, without and with a wsu:Timestamp in the wsse:Security header, and
// prints one line per check: "php    timestamp=no  create    PASS" (or FAIL and a reason).
// Exits 1 if any check failed.

const STACK = 'php';
const INV_NS = 'urn:invitations:v1';
const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
const START = '2031-04-12T09:00:00Z';
const END = '2031-04-12T10:00:00Z';
const MISSING_ID = 999999999999;

$wsdlUrl = $argv[1] ?? getenv('INTEROP_WSDL_URL');
if (!$wsdlUrl) {
    fwrite(STDERR, "usage: php php_client.php WSDL_URL (or INTEROP_WSDL_URL)\n");
    exit(2);
}

// The wsse:Security header, written by hand and sent as raw XML (XSD_ANYXML): SoapClient knows
// nothing of WS-Security. With XSD_ANYXML, PHP writes the string as the whole header entry, so
// the string carries the wsse:Security element itself (and its mustUnderstand attribute).
function securityHeader(string $user, string $password, bool $timestamp): SoapHeader
{
    $esc = fn (string $s) => htmlspecialchars($s, ENT_XML1 | ENT_QUOTES, 'UTF-8');
    $ts = '';
    if ($timestamp) {
        $now = new DateTimeImmutable('now', new DateTimeZone('UTC'));
        $ts = '<wsu:Timestamp>'
            . '<wsu:Created>' . $now->format('Y-m-d\TH:i:s\Z') . '</wsu:Created>'
            . '<wsu:Expires>' . $now->modify('+5 minutes')->format('Y-m-d\TH:i:s\Z') . '</wsu:Expires>'
            . '</wsu:Timestamp>';
    }
    $xml = '<wsse:Security xmlns:wsse="' . WSSE_NS . '" xmlns:wsu="' . WSU_NS . '"'
        . ' xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" soapenv:mustUnderstand="1">'
        . $ts
        . '<wsse:UsernameToken>'
        . '<wsse:Username>' . $esc($user) . '</wsse:Username>'
        . '<wsse:Password Type="' . PASSWORD_TEXT . '">' . $esc($password) . '</wsse:Password>'
        . '</wsse:UsernameToken>'
        . '</wsse:Security>';
    return new SoapHeader(WSSE_NS, 'Security', new SoapVar($xml, XSD_ANYXML), true);
}

class Flow
{
    public int $failures = 0;
    private string $label;

    public function __construct(private string $wsdlUrl, private bool $timestamp)
    {
        $this->label = $timestamp ? 'yes' : 'no';
    }

    private function call(string $user, string $password, string $op, array $args)
    {
        $client = new SoapClient($this->wsdlUrl, [
            'soap_version' => SOAP_1_1,
            'exceptions' => true,
            'trace' => true,
            'cache_wsdl' => WSDL_CACHE_NONE,
            // a maxOccurs>1 element is always an array, even with one item
            'features' => SOAP_SINGLE_ELEMENT_ARRAYS,
        ]);
        // A fresh header per call, so that the Timestamp's Created is the time of sending.
        $client->__setSoapHeaders([securityHeader($user, $password, $this->timestamp)]);
        return $client->__soapCall($op, [$args]);
    }

    private function report(string $check, bool $ok, string $reason = ''): void
    {
        if (!$ok) {
            $this->failures++;
        }
        $line = sprintf('%-6s timestamp=%-3s %-9s %s', STACK, $this->label, $check, $ok ? 'PASS' : 'FAIL');
        if (!$ok && $reason !== '') {
            $line .= ' ' . substr(preg_replace('/\s+/', ' ', $reason), 0, 300);
        }
        echo $line, "\n";
    }

    public function run(): int
    {
        $recordId = null;
        $found = null;

        // create
        try {
            $bobId = null;
            $pageToken = null;
            for ($i = 0; $i < 100; $i++) {
                $page = $this->call('alice', 'alice-demo', 'ListAssociates',
                    $pageToken === null ? [] : ['pageToken' => $pageToken]);
                foreach ($page->associate ?? [] as $a) {
                    if ($a->username === 'bob') {
                        $bobId = $a->associateId;
                    }
                }
                $pageToken = $page->nextPageToken ?? null;
                if ($bobId !== null || $pageToken === null) {
                    break;
                }
            }
            if ($bobId === null) {
                throw new RuntimeException("ListAssociates has no associate 'bob'");
            }
            $title = sprintf('interop %s timestamp=%s %s', STACK, $this->label, bin2hex(random_bytes(5)));
            $created = $this->call('alice', 'alice-demo', 'CreateInvitation', [
                'type' => 'MEETING',
                'title' => $title,
                'start' => START,
                'end' => END,
                'participants' => ['participant' => [['associateId' => $bobId]]],
            ]);
            $mine = array_values(array_filter($created->participant ?? [],
                fn ($p) => isset($p->participant->associateId) && (string) $p->participant->associateId === (string) $bobId));
            if (count($mine) !== 1) {
                throw new RuntimeException(sprintf('expected one participant record for bob (associateId %s), got %d', $bobId, count($mine)));
            }
            if ((int) $mine[0]->status !== 5) {
                throw new RuntimeException(sprintf("bob's record %s has status %s, expected 5", $mine[0]->recordId, $mine[0]->status));
            }
            $recordId = $mine[0]->recordId;
            $this->report('create', true);
        } catch (Throwable $e) {
            $this->report('create', false, describe($e));
        }

        // list
        if ($recordId === null) {
            $this->report('list', false, 'no recordId from create');
        } else {
            try {
                $page = $this->call('bob', 'bob-demo', 'GetInvitations', []);
                for ($i = 0; $i < 100; $i++) {
                    foreach ($page->invitation ?? [] as $inv) {
                        if ((string) $inv->recordId === (string) $recordId) {
                            $found = $inv;
                            break 2;
                        }
                    }
                    if (!isset($page->nextPageToken)) {
                        break;
                    }
                    $page = $this->call('bob', 'bob-demo', 'GetInvitations', ['pageToken' => $page->nextPageToken]);
                }
                if ($found === null) {
                    throw new RuntimeException("recordId $recordId not in bob's GetInvitations");
                }
                $this->report('list', true);
            } catch (Throwable $e) {
                $this->report('list', false, describe($e));
            }
        }

        // accept
        if ($recordId === null) {
            $this->report('accept', false, 'no recordId from create');
        } else {
            try {
                $answer = $this->call('bob', 'bob-demo', 'AcceptInvitation', ['recordId' => $recordId]);
                if ((int) $answer->status !== 1) {
                    throw new RuntimeException("status {$answer->status} after AcceptInvitation, expected 1");
                }
                if ((string) $answer->recordId !== (string) $recordId) {
                    throw new RuntimeException("answer is about record {$answer->recordId}, not $recordId");
                }
                $this->report('accept', true);
            } catch (Throwable $e) {
                $this->report('accept', false, describe($e));
            }
        }

        // fault
        try {
            try {
                $this->call('bob', 'bob-demo', 'AcceptInvitation', ['recordId' => MISSING_ID]);
                throw new RuntimeException('AcceptInvitation(' . MISSING_ID . ') did not fault');
            } catch (SoapFault $fault) {
                // SoapClient decodes the detail with the operation's declared fault element:
                // $fault->detail->NotFoundFault is the FaultDetail object.
                $detail = $fault->detail ?? null;
                if (!is_object($detail)) {
                    throw new RuntimeException("fault without a decoded detail: {$fault->faultcode} {$fault->faultstring}");
                }
                if (!isset($detail->NotFoundFault)) {
                    throw new RuntimeException('detail holds ' . implode(',', array_keys(get_object_vars($detail)))
                        . ", not NotFoundFault: {$fault->faultstring}");
                }
                $info = $detail->NotFoundFault;
                if (!isset($info->message) || trim((string) $info->message) === '') {
                    throw new RuntimeException('NotFoundFault.message is empty');
                }
                if (!isset($info->id) || (string) $info->id !== (string) MISSING_ID) {
                    throw new RuntimeException('NotFoundFault.id is ' . var_export($info->id ?? null, true) . ', expected ' . MISSING_ID);
                }
            }
            $this->report('fault', true);
        } catch (Throwable $e) {
            $this->report('fault', false, describe($e));
        }

        // datetime
        if ($found === null) {
            $this->report('datetime', false, 'invitation not listed');
        } else {
            try {
                $start = (string) $found->start;
                $got = DateTimeImmutable::createFromFormat(DATE_RFC3339_EXTENDED, $start)
                    ?: DateTimeImmutable::createFromFormat(DATE_RFC3339, $start);
                if ($got === false) {
                    throw new RuntimeException("start '$start' is not an xs:dateTime with a time zone");
                }
                $want = new DateTimeImmutable(START);
                if ($got->format('U.u') !== $want->format('U.u')) {
                    throw new RuntimeException("start $start != " . START);
                }
                $this->report('datetime', true);
            } catch (Throwable $e) {
                $this->report('datetime', false, describe($e));
            }
        }
        return $this->failures;
    }
}

function describe(Throwable $e): string
{
    if ($e instanceof SoapFault) {
        return "SOAP fault {$e->faultcode}: {$e->faultstring}";
    }
    return get_class($e) . ': ' . $e->getMessage();
}

$failures = 0;
foreach ([false, true] as $timestamp) {
    $failures += (new Flow($wsdlUrl, $timestamp))->run();
}
exit($failures > 0 ? 1 : 0);
