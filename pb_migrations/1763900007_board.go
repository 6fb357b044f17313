package pb_migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

var (
	postKinds       = []string{"share", "win", "support", "announcement", "milestone"}
	reactionKinds   = []string{"me_too", "proud", "hug", "heart"}
	quickAnswers    = []string{"calling", "on_my_way", "here"}
	boardImageTypes = []string{"image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "image/heif"}
)

// The board's limits: a post carries up to four photos of at most 8 MB
// each (a phone's photo, with room to spare).
const (
	maxPostImages    = 4
	maxPostImageSize = 8 << 20
)

// seesPost holds when the requester may see the post in postExpr (the
// field or relation path that names it, e.g. "post"): a member, manager or
// alumnus of the post's house, and, when a manager hid the post, its
// author or a manager of the house.
func seesPost(postExpr string) string {
	house := postExpr + ".house"
	return and(
		memberOrAlumnusOf(house),
		or(postExpr+".hidden = false", postExpr+".author = @request.auth.id", managerOf(house)),
	)
}

func init() {
	m.Register(func(app core.App) error {
		houses, users, err := housesAndUsers(app)
		if err != nil {
			return err
		}

		posts := core.NewBaseCollection("posts")
		posts.Fields.Add(
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.SelectField{Name: "kind", Values: postKinds, MaxSelect: 1, Required: true},
			&core.TextField{Name: "body", Required: true, Max: 5000},
			&core.BoolField{Name: "pinned"},
			&core.BoolField{Name: "hidden"},
			// Protected: a photo on the board is the house's, seen through
			// a short-lived file token by those who may view the post.
			&core.FileField{Name: "images", MaxSelect: maxPostImages, MaxSize: maxPostImageSize, Protected: true,
				MimeTypes: boardImageTypes, Thumbs: []string{"960x0", "480x0", "120x120"}},
			// A milestone post's celebrated person and milestone ("30d",
			// "1y"): set by the server's milestone job only.
			&core.RelationField{Name: "subject", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
			&core.TextField{Name: "milestone", Max: 10},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		// The board's pages: house = X, sorted -pinned,-created, read in
		// index order without a sort, however many years of posts.
		posts.AddIndex("idx_posts_house_pinned_created", false, "`house`, `pinned`, `created`", "")
		// A person's milestone is posted once in a house, whatever happens
		// to their sobriety date later.
		posts.AddIndex("idx_posts_house_subject_milestone", true, "`house`, `subject`, `milestone`", "`milestone` != ''")

		board := memberOrAlumnusOf("house")
		visible := and(board, or("hidden = false", "author = @request.auth.id", managerOf("house")))
		posts.ListRule = types.Pointer(visible)
		posts.ViewRule = posts.ListRule
		// Members and alumni post as themselves: shares and wins; need
		// support only members (it alerts the house); announcements only
		// managers; milestones only the server.
		posts.CreateRule = types.Pointer(and(
			self("author"),
			or(
				and(anyOf("kind", "=", "share", "win"), board),
				and("kind = 'support'", memberOf("house")),
				and("kind = 'announcement'", managerOf("house")),
			),
		))
		// The author changes the body, managers pin and hide: the hooks
		// hold each to their fields.
		posts.UpdateRule = types.Pointer(or(and(self("author"), board), managerOf("house")))
		// An author can always take back their own words.
		posts.DeleteRule = types.Pointer(or(self("author"), managerOf("house")))
		if err := app.Save(posts); err != nil {
			return err
		}

		onVisiblePost := seesPost("post")

		comments := core.NewBaseCollection("comments")
		comments.Fields.Add(
			&core.RelationField{Name: "post", CollectionId: posts.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "body", Required: true, Max: 2000},
			// A one-tap answer to a need-support post; the server writes
			// its words into body.
			&core.SelectField{Name: "quick", Values: quickAnswers, MaxSelect: 1},
			&core.AutodateField{Name: "created", OnCreate: true},
			&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
		)
		comments.AddIndex("idx_comments_post_created", false, "`post`, `created`", "")
		comments.ListRule = types.Pointer(onVisiblePost)
		comments.ViewRule = comments.ListRule
		comments.CreateRule = types.Pointer(and(self("author"), onVisiblePost))
		comments.UpdateRule = types.Pointer(and(self("author"), onVisiblePost))
		comments.DeleteRule = types.Pointer(or(self("author"), managerOf("post.house")))
		if err := app.Save(comments); err != nil {
			return err
		}

		reactions := core.NewBaseCollection("reactions")
		reactions.Fields.Add(
			&core.RelationField{Name: "post", CollectionId: posts.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.SelectField{Name: "kind", Values: reactionKinds, MaxSelect: 1, Required: true},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		// One of each kind per person and post, even if two taps race; it
		// also serves a post's reactions.
		reactions.AddIndex("idx_reactions_post_user_kind", true, "`post`, `user`, `kind`", "")
		reactions.ListRule = types.Pointer(onVisiblePost)
		reactions.ViewRule = reactions.ListRule
		reactions.CreateRule = types.Pointer(and(self("user"), onVisiblePost))
		// Toggled: a tap creates, a second tap deletes. Never updated.
		reactions.DeleteRule = types.Pointer(self("user"))
		if err := app.Save(reactions); err != nil {
			return err
		}

		// reports: a member's word to the managers about a post. The
		// post's author never reads one, not even as a manager.
		reports := core.NewBaseCollection("reports")
		reports.Fields.Add(
			&core.RelationField{Name: "post", CollectionId: posts.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.RelationField{Name: "house", CollectionId: houses.Id, MaxSelect: 1, Required: true, CascadeDelete: true,
				Help: "set by the server: the post's house"},
			&core.RelationField{Name: "reporter", CollectionId: users.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
			&core.TextField{Name: "reason", Required: true, Max: 1000},
			&core.AutodateField{Name: "created", OnCreate: true},
		)
		reports.AddIndex("idx_reports_post_reporter", true, "`post`, `reporter`", "")
		reports.AddIndex("idx_reports_house_created", false, "`house`, `created`", "")
		notTheAuthor := "post.author != @request.auth.id"
		reports.ListRule = types.Pointer(or(self("reporter"), and(managerOf("house"), notTheAuthor)))
		reports.ViewRule = reports.ListRule
		reports.CreateRule = types.Pointer(and(self("reporter"), onVisiblePost, notTheAuthor))
		// Managers dismiss a report by deleting it.
		reports.DeleteRule = types.Pointer(and(managerOf("house"), notTheAuthor))
		if err := app.Save(reports); err != nil {
			return err
		}

		// Alumni choose to receive need-support alerts of their old house;
		// a member may change their partner, an alumnus their alerts, on
		// their own membership (the hooks hold each to that field).
		memberships, err := app.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		memberships.Fields.Add(&core.BoolField{Name: "support_alerts",
			Help: "alumni: receive the house's need-support alerts"})
		memberships.UpdateRule = types.Pointer(membershipsUpdateRule("active", "away", "alumni"))
		return app.Save(memberships)
	}, func(app core.App) error {
		memberships, err := app.FindCollectionByNameOrId("memberships")
		if err != nil {
			return err
		}
		memberships.Fields.RemoveByName("support_alerts")
		memberships.UpdateRule = types.Pointer(membershipsUpdateRule("active", "away"))
		if err := app.Save(memberships); err != nil {
			return err
		}
		return deleteCollections(app, "reports", "reactions", "comments", "posts")
	})
}

// membershipsUpdateRule is the update rule of memberships: managers write
// resident memberships of their house (never moving them to another house
// or making them managers), and people may update their own membership
// while its status is one of ownStatuses.
func membershipsUpdateRule(ownStatuses ...string) string {
	managesResident := and(managerOf("house"), "role = 'resident'")
	return or(
		and(managesResident,
			"(@request.body.role:isset = false || @request.body.role = 'resident')",
			"(@request.body.house:isset = false || @request.body.house = house)",
		),
		and("user = @request.auth.id", anyOf("status", "=", ownStatuses...)),
	)
}
