CREATE INDEX "board_update_versions_search_idx" ON "board_update_versions" USING gin (to_tsvector('english', "title" || ' ' || "markdown"));--> statement-breakpoint
CREATE INDEX "board_updates_search_idx" ON "board_updates" USING gin (to_tsvector('english', "title" || ' ' || "markdown"));--> statement-breakpoint
CREATE INDEX "agenda_items_title_search_idx" ON "agenda_items" USING gin (to_tsvector('english', "title"));--> statement-breakpoint
CREATE INDEX "item_minutes_public_search_idx" ON "item_minutes" USING gin (to_tsvector('english', "public_summary" || ' ' || "outcome"));--> statement-breakpoint
CREATE INDEX "item_minutes_discussion_search_idx" ON "item_minutes" USING gin (to_tsvector('english', "discussion"));