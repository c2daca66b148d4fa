package model

import (
	"slices"
	"strings"
	"testing"

	"github.com/zcrmgen/zcrmgen/generator/infer"
	"github.com/zcrmgen/zcrmgen/generator/naming"
)

func TestOperationNames(t *testing.T) {
	// Each item is "Folder > Sub folder | Item name".
	for _, tc := range []struct {
		name  string
		items []string
		want  []string
	}{
		{
			name:  "unique names need no folder",
			items: []string{"Record > crm/v8/{module_api_name} | Get Records", "Record | Insert Records"},
			want:  []string{"GetRecords", "InsertRecords"},
		},
		{
			name: "the outermost part that tells the item apart",
			items: []string{
				"To get records response based on queries using COQL APIs | Get Records",
				"Record > crm/v8/{module_api_name} | Get Records",
			},
			want: []string{"ToGetRecordsResponseBasedOnQueriesUsingCOQLAPIsGetRecords", "RecordGetRecords"},
		},
		{
			name: "parts every item has are dropped",
			items: []string{
				"Contact Roles > crm/v8/Contacts/roles | Get Roles",
				"roles > crm/v8/settings/roles | Get Roles",
			},
			want: []string{"ContactRolesGetRoles", "SettingsGetRoles"},
		},
		{
			name: "the fewest parts, all of them when another item has them",
			items: []string{
				"Project > As-associate > Business-units > Update actions | AddAddress",
				"Project > Business-units > Update actions | AddAddress",
				"Project > Customers > Update actions | AddAddress",
				"Project > In-store > Business-units > Update actions | AddAddress",
				"Project > In-store > Customers > Update actions | AddAddress",
			},
			want: []string{
				"AsAssociateAddAddress", "BusinessUnitsAddAddress", "CustomersAddAddress",
				"InStoreBusinessUnitsAddAddress", "InStoreCustomersAddAddress",
			},
		},
		{
			name:  "an item outside the others' folders keeps the bare name",
			items: []string{"Workflow | LogOn", " | LogOn", "Webhooks | LogOn"},
			want:  []string{"WorkflowLogOn", "LogOn", "WebhooksLogOn"},
		},
		{
			name:  "a reserved name takes its folder",
			items: []string{"Setup | New Client", "Other | Get"},
			want:  []string{"SetupNewClient", "Get"},
		},
		{
			name:  "a number only when the folders are the same",
			items: []string{"Users | Get User", "Users | Get User", "Admin | Get User"},
			want:  []string{"UsersGetUser", "UsersGetUser2", "AdminGetUser"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ops []*Operation
			for _, it := range tc.items {
				path, name, _ := strings.Cut(it, " | ")
				op := &Operation{Name: name}
				if path = strings.TrimSpace(path); path != "" {
					op.Folder = strings.Split(path, " > ")
				}
				ops = append(ops, op)
			}
			operationNames(ops, naming.New(), naming.NewScope(reservedNames()...))
			var got []string
			for _, op := range ops {
				got = append(got, op.GoName)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("names:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}

func TestReservedLookalikes(t *testing.T) {
	// Names that read as the runtime's are reserved with it.
	reserved := reservedNames()
	// The runtime's Extra, the type of every object's Extra field, is
	// reserved like its other types (the item "Leads > Extra" of the
	// names golden becomes LeadsExtra).
	for _, n := range []string{"Option", "Options", "Client", "Clients", "Error", "Errors", "APIErrors", "NewClient", infer.ExtraType, infer.ExtraType + "s"} {
		if !slices.Contains(reserved, n) {
			t.Errorf("%s is not reserved", n)
		}
	}
}

func TestOperationNamesDeepFolders(t *testing.T) {
	// Deep folders and large groups do not make the search explode: past
	// its bounds an item takes all its distinguishing parts.
	var ops []*Operation
	for i := range 80 {
		var folder []string
		for d := range 40 {
			folder = append(folder, strings.Repeat("f", d%7+1)+string(rune('a'+(i+d)%26)))
		}
		ops = append(ops, &Operation{Name: "Get", Folder: folder})
	}
	operationNames(ops, naming.New(), naming.NewScope(reservedNames()...))
	seen := map[string]bool{}
	for _, op := range ops {
		if seen[op.GoName] {
			t.Errorf("%s given twice", op.GoName)
		}
		seen[op.GoName] = true
	}
}
