from django.contrib import admin

from overlap import services
from overlap.models import ActionEmbedding, SynonymSet


@admin.register(SynonymSet)
class SynonymSetAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_active", "updated_at", "updated_by")
    list_filter = ("is_active",)
    search_fields = ("terms", "note")
    readonly_fields = ("updated_at", "updated_by")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        services.thesaurus_saved()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.thesaurus_saved()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        services.thesaurus_saved()


@admin.register(ActionEmbedding)
class ActionEmbeddingAdmin(admin.ModelAdmin):
    list_display = ("action", "model_name", "model_version", "updated_at")
    list_filter = ("model_name", "model_version")
    readonly_fields = ("action", "model_name", "model_version", "text_hash", "updated_at")
    exclude = ("vector",)

    def has_add_permission(self, request):
        return False
