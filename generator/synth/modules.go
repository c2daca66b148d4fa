package synth

import "strconv"

// kind says how a field's sample values look.
type kind int

const (
	kText   kind = iota // free text, or one of opts
	kPick               // one of opts (a Zoho picklist)
	kEmail              // an e-mail address
	kPhone              // a phone number
	kURL                // a web address
	kInt                // a whole number
	kFloat              // a decimal such as 1200.5; sometimes whole in sparse records
	kBool               // true or false
	kTime               // an RFC 3339 time with a +05:30 offset
	kDate               // a date such as 2024-04-18
	kLookup             // a reference to another record: {"name", "id"}
	kMulti              // a multi-select picklist: an array of opts
)

// field is one module field: its API name, as Zoho spells it in JSON, and
// how its values look.
type field struct {
	name string
	kind kind
	opts []string
}

func txt(name string, opts ...string) field   { return field{name, kText, opts} }
func pk(name string, opts ...string) field    { return field{name, kPick, opts} }
func multi(name string, opts ...string) field { return field{name, kMulti, opts} }
func of(name string, k kind) field            { return field{name, k, nil} }

// module is one CRM module: a top-level folder of the collection.
type module struct {
	api      string // API name, the path segment: "Sales_Orders"
	plural   string // folder and request wording: "Sales Orders"
	singular string // "Sales Order"
	fields   []field
}

// standard lists Zoho CRM's built-in modules with a share of their real
// fields. Modules differ in their fields, so their record types differ; they
// share the Owner, Created_By and Modified_By shapes and the $-prefixed
// system keys, as the real API does.
var standard = []module{
	{"Leads", "Leads", "Lead", []field{
		txt("Last_Name", lastNames...), txt("First_Name", firstNames...), of("Email", kEmail),
		txt("Company", companies...), pk("Lead_Status", "Contacted", "Not Contacted", "Attempted to Contact", "Junk Lead"),
		pk("Lead_Source", "Trade Show", "Web Download", "Cold Call", "Partner"), pk("Industry", industries...),
		of("Annual_Revenue", kFloat), of("No_of_Employees", kInt), of("Email_Opt_Out", kBool),
		of("Phone", kPhone), txt("City", cities...), of("Secondary_Email", kEmail), of("Last_Activity_Time", kTime),
	}},
	{"Contacts", "Contacts", "Contact", []field{
		txt("Last_Name", lastNames...), txt("First_Name", firstNames...), of("Email", kEmail), of("Phone", kPhone),
		of("Mobile", kPhone), of("Account_Name", kLookup), pk("Lead_Source", "Trade Show", "Web Download", "Cold Call"),
		of("Email_Opt_Out", kBool), txt("Mailing_Street", streets...), txt("Mailing_City", cities...),
		txt("Mailing_Country", countries...), of("Date_of_Birth", kDate), txt("Description"),
	}},
	{"Accounts", "Accounts", "Account", []field{
		txt("Account_Name", companies...), of("Website", kURL), of("Phone", kPhone), pk("Industry", industries...),
		of("Annual_Revenue", kFloat), of("Employees", kInt), pk("Rating", "Hot", "Warm", "Cold"),
		pk("Ownership", "Private", "Public", "Partnership"), txt("Billing_City", cities...),
		txt("Billing_Country", countries...), of("Parent_Account", kLookup), txt("Description"),
	}},
	{"Deals", "Deals", "Deal", []field{
		txt("Deal_Name"), of("Amount", kFloat), pk("Stage", "Qualification", "Needs Analysis", "Proposal", "Closed Won", "Closed Lost"),
		of("Probability", kInt), of("Closing_Date", kDate), of("Account_Name", kLookup), of("Contact_Name", kLookup),
		of("Expected_Revenue", kFloat), pk("Type", "New Business", "Existing Business"), pk("Lead_Source", "Partner", "Web Download"),
	}},
	{"Campaigns", "Campaigns", "Campaign", []field{
		txt("Campaign_Name"), pk("Type", "Webinar", "Email", "Trade Show", "Advertisement"), pk("Status", "Planning", "Active", "Complete"),
		of("Start_Date", kDate), of("End_Date", kDate), of("Expected_Revenue", kFloat), of("Budgeted_Cost", kFloat),
		of("Actual_Cost", kFloat), of("Num_sent", kInt), txt("Description"),
	}},
	{"Tasks", "Tasks", "Task", []field{
		txt("Subject"), of("Due_Date", kDate), pk("Status", "Not Started", "In Progress", "Completed", "Deferred"),
		pk("Priority", "High", "Normal", "Low"), of("What_Id", kLookup), of("Who_Id", kLookup),
		of("Send_Notification_Email", kBool), txt("Description"),
	}},
	{"Events", "Events", "Event", []field{
		txt("Event_Title"), of("Start_DateTime", kTime), of("End_DateTime", kTime), txt("Venue", cities...),
		of("All_day", kBool), of("What_Id", kLookup), multi("Remind_At", "5 minutes", "15 minutes", "1 hour", "1 day"),
	}},
	{"Calls", "Calls", "Call", []field{
		txt("Subject"), pk("Call_Type", "Inbound", "Outbound", "Missed"), of("Call_Start_Time", kTime),
		txt("Call_Duration", "05:30", "12:04", "00:48"), of("Call_Duration_in_seconds", kInt), of("Who_Id", kLookup),
		pk("Call_Result", "Interested", "Not interested", "Requested more info"),
	}},
	{"Products", "Products", "Product", []field{
		txt("Product_Name"), txt("Product_Code", "PRD-1042", "PRD-2210", "SKU-88"), of("Unit_Price", kFloat),
		of("Qty_in_Stock", kInt), of("Taxable", kBool), of("Sales_Start_Date", kDate),
		pk("Product_Category", "Hardware", "Software", "Services"), of("Commission_Rate", kFloat), of("Vendor_Name", kLookup),
	}},
	{"Vendors", "Vendors", "Vendor", []field{
		txt("Vendor_Name", companies...), of("Email", kEmail), of("Phone", kPhone), of("Website", kURL),
		pk("GL_Account", "Sales-Software", "Sales-Hardware", "Rental-Income"), txt("City", cities...), txt("Country", countries...),
	}},
	{"Quotes", "Quotes", "Quote", []field{
		txt("Subject"), of("Account_Name", kLookup), of("Deal_Name", kLookup), pk("Quote_Stage", "Draft", "Negotiation", "Delivered"),
		of("Valid_Till", kDate), of("Sub_Total", kFloat), of("Discount", kFloat), of("Tax", kFloat), of("Grand_Total", kFloat),
	}},
	{"Sales_Orders", "Sales Orders", "Sales Order", []field{
		txt("Subject"), of("Account_Name", kLookup), pk("Status", "Created", "Approved", "Delivered", "Cancelled"),
		of("Due_Date", kDate), of("Sub_Total", kFloat), of("Grand_Total", kFloat), of("Excise_Duty", kFloat), txt("Carrier", "FedEx", "UPS", "DHL"),
	}},
	{"Purchase_Orders", "Purchase Orders", "Purchase Order", []field{
		txt("Subject"), of("Vendor_Name", kLookup), of("PO_Date", kDate), of("Tracking_Number", kInt),
		pk("Status", "Created", "Approved", "Delivered"), of("Grand_Total", kFloat), txt("Terms_and_Conditions"),
	}},
	{"Invoices", "Invoices", "Invoice", []field{
		txt("Subject"), of("Account_Name", kLookup), of("Invoice_Date", kDate), of("Due_Date", kDate),
		pk("Status", "Created", "Approved", "Paid", "Overdue"), of("Sub_Total", kFloat), of("Tax", kFloat), of("Grand_Total", kFloat),
	}},
	{"Cases", "Cases", "Case", []field{
		txt("Subject"), pk("Status", "New", "Escalated", "Closed"), pk("Priority", "High", "Medium", "Low"),
		pk("Case_Origin", "Email", "Phone", "Web"), txt("Reported_By", firstNames...), of("Product_Name", kLookup),
		of("No_of_comments", kInt), of("Email", kEmail),
	}},
	{"Solutions", "Solutions", "Solution", []field{
		txt("Solution_Title"), pk("Status", "Draft", "Reviewed", "Published"), txt("Question"), txt("Answer"),
		of("Published", kBool), of("No_of_comments", kInt), of("Product_Name", kLookup),
	}},
	{"Price_Books", "Price Books", "Price Book", []field{
		txt("Price_Book_Name"), of("Active", kBool), pk("Pricing_Model", "Flat", "Differential"), txt("Description"),
	}},
}

// pool is every standard field, in first-seen order, for building custom
// modules. A name that appears with two kinds keeps the first.
var pool = func() []field {
	var out []field
	seen := map[string]bool{}
	for _, m := range standard {
		for _, f := range m.fields {
			if !seen[f.name] {
				seen[f.name] = true
				out = append(out, f)
			}
		}
	}
	return out
}()

// moduleAt returns module i: a standard one while they last, then custom
// modules named the way Zoho names them (CustomModule1, CustomModule2, ...),
// each with its own random choice of fields from the pool plus one field
// only it has.
func moduleAt(i int, r *rng) module {
	if i < len(standard) {
		return standard[i]
	}
	n := strconv.Itoa(i - len(standard) + 1)
	m := module{
		api:      "CustomModule" + n,
		plural:   "Custom Module " + n,
		singular: "Custom Module " + n + " Record",
		fields:   []field{txt("Name")},
	}
	// Choose 5 to 11 pool fields (selection sampling), keeping pool order
	// so a record reads like a real one.
	want := r.between(5, 11)
	for j, f := range pool {
		if want > 0 && r.intn(len(pool)-j) < want {
			m.fields = append(m.fields, f)
			want--
		}
	}
	m.fields = append(m.fields, of("Custom_Score_"+n, kInt))
	return m
}

var (
	firstNames = []string{"Chidi", "Leila", "Ilona", "Kenji", "Amara", "Tomas", "Priya", "Mateo", "Sofia", "Arjun", "Noor", "Elif"}
	lastNames  = []string{"Okafor", "Haddad", "Varga", "Suzuki", "Brandt", "Lindqvist", "Raghavan", "Moreno", "Costa", "Iyer", "Kaya", "Novak"}
	companies  = []string{"Northwind Freight", "Cedarline Studio", "Tisza Optics", "Hoshi Robotics", "Kestrel Dairy Co-op", "Brightleaf Tools", "Arbor Analytics", "Bluewater Marine"}
	cities     = []string{"Bengaluru", "Chennai", "Lisbon", "Osaka", "Nairobi", "Austin", "Gdansk", "Toronto"}
	countries  = []string{"India", "Portugal", "Japan", "Kenya", "United States", "Poland", "Canada"}
	streets    = []string{"18 Harbour Road", "4 Mill Lane", "221 Lake View", "9 Station Street"}
	industries = []string{"Transportation", "Manufacturing", "Retail", "Healthcare", "Technology", "Agriculture"}
	words      = []string{"quarterly", "review", "renewal", "fleet", "pilot", "follow-up", "onboarding", "pricing", "expansion", "audit", "contract", "southern", "region", "demo"}
	tags       = []obj{
		{{"name", "Trade Show"}, {"id", "5843104000001650021"}, {"color_code", "#57B1FD"}},
		{{"name", "Webinar"}, {"id", "5843104000001650047"}, {"color_code", "#F48435"}},
		{{"name", "Inbound"}, {"id", "5843104000001650059"}, {"color_code", "#63C57E"}},
	}
)

// user is a CRM user: the Owner, Created_By and Modified_By shape.
type user struct{ name, id, email string }

var users = []user{
	{"Meera Raghavan", "5843104000000424672", "meera.raghavan@brightleaf-tools.com"},
	{"Tomas Lindqvist", "5843104000000431019", "tomas.lindqvist@brightleaf-tools.com"},
	{"Amara Nwosu", "5843104000000431101", "amara.nwosu@brightleaf-tools.com"},
}

func (u user) full() obj  { return obj{{"name", u.name}, {"id", u.id}, {"email", u.email}} }
func (u user) short() obj { return obj{{"name", u.name}, {"id", u.id}} }
