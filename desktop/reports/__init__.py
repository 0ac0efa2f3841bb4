"""The PDF committee report and the Excel workbook (reads through services, images from charts)."""
