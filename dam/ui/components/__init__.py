"""The Library's custom browser components: asset grid, viewer, collection tree and uploader (st.components.v2)."""

from dam.ui.components.grid import GridEvents, Opened, asset_grid
from dam.ui.components.tree import AssetDrop, Reparent, TreeEvents, collection_tree
from dam.ui.components.uploader import UploadEvents, upload_zone
from dam.ui.components.viewer import ViewerEvents, asset_viewer

__all__ = [
    "AssetDrop",
    "GridEvents",
    "Opened",
    "Reparent",
    "TreeEvents",
    "UploadEvents",
    "ViewerEvents",
    "asset_grid",
    "asset_viewer",
    "collection_tree",
    "upload_zone",
]
